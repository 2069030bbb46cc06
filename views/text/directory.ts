/** 基础名录: deputies, handling units, liaison stations, categories, and their import. */
export const directoryText = {};
