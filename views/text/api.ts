/** /api/v1: error messages and the 接口令牌 page. */
export const apiText = {};
