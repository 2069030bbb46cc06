/** 账号管理 (users, roles, password reset) and the 操作日志 viewer, for the tenant admin. */
export const usersAdminText = {};
