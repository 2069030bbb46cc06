/**
 * Every text a user sees, in Simplified Chinese (zh-CN), assembled from one
 * module per area. Another language can be added by providing the same shape.
 */
import { accountText } from './account.ts';
import { adminText } from './admin.ts';
import { apiText } from './api.ts';
import { appText } from './app.ts';
import { auditText } from './audit.ts';
import { directoryText } from './directory.ts';
import { disclosureText } from './disclosure.ts';
import { forumsText } from './forums.ts';
import { handlingText } from './handling.ts';
import { ledgerText } from './ledger.ts';
import { operatorText } from './operator.ts';
import { projectsText } from './projects.ts';
import { receptionsText } from './receptions.ts';
import { statisticsText } from './statistics.ts';
import { suggestionsText } from './suggestions.ts';
import { supervisionText } from './supervision.ts';
import { usersAdminText } from './users-admin.ts';

export const zhCN = {
  audit: auditText,
  operator: operatorText,
  usersAdmin: usersAdminText,
  directory: directoryText,
  api: apiText,
  receptions: receptionsText,
  forums: forumsText,
  ledger: ledgerText,
  projects: projectsText,
  ...appText,
  ...accountText,
  ...suggestionsText,
  ...handlingText,
  ...supervisionText,
  ...adminText,
  ...statisticsText,
  ...disclosureText,
};

export type UiText = typeof zhCN;

/** The text in use. One language today; chosen per request later. */
export const text: UiText = zhCN;

export { messagesOf } from './messages.ts';
export { assignmentErrorText, assignmentNote, assignmentPlanText, fileRefusalText } from './handling.ts';
