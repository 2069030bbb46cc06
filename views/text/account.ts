/** Logging in and the user's own account (password, logging out everywhere). */

export const accountText = {
  login: {
    title: '登录',
    username: '用户名',
    password: '密码',
    submit: '登录',
    failed: '用户名或密码不正确。',
    disabled: '该账号已停用，请联系本县人大系统管理员。',
    tooMany: (minutes: number, until: string) =>
      `登录失败次数过多，已暂时锁定。请在 ${until}（约 ${minutes} 分钟后）再试。`,
    loggedOut: '您已退出登录。',
    usernameRequired: '请输入用户名。',
    passwordRequired: '请输入密码。',
    platformTitle: '平台运维登录',
    publicLink: '不用登录：查看代表建议答复公开和代表回音壁',
  },
  account: {
    title: '我的账户',
    passwordTitle: '修改密码',
    current: '当前密码',
    next: '新密码',
    nextHint: '至少 8 位，须同时包含字母和数字。',
    confirm: '再次输入新密码',
    submit: '修改密码',
    changed: '密码已修改。其他设备上的登录已全部退出。',
    wrongCurrent: '当前密码不正确。',
    tooShort: '新密码至少 8 位，须同时包含字母和数字。',
    sameAsOld: '新密码不能与当前密码相同。',
    mismatch: '两次输入的新密码不一致。',
    everywhereTitle: '退出所有设备',
    everywhereHint: '手机丢失或在别人的电脑上登录过时使用：所有设备（包括这台）都需要重新登录。',
    everywhereSubmit: '退出所有设备',
  },
};
