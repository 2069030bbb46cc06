/** 平台运维 console: creating, suspending, exporting, restoring and deleting counties. */
export const operatorText = {};
