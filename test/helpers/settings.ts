/**
 * The tenant settings form (/admin/settings) filled in full: tests start
 * from these values and name only the fields their rule is about.
 */
import type { Form } from './browser';

/** Every field of the settings form, with the windows a county usually sets. */
export function settingsForm(overrides: Form = {}): Form {
  return {
    replyDeadline_amount: '2',
    replyDeadline_unit: 'months',
    replyDeadlineFrom: 'assignment',
    sessionCloseDate: '',
    maxExtensionMonths: '6',
    returnWindow_amount: '5',
    returnWindow_unit: 'working_days',
    assistOpinionWindow_amount: '1',
    assistOpinionWindow_unit: 'months',
    evaluationWindow_amount: '10',
    evaluationWindow_unit: 'days',
    rehandlingWindow_amount: '1',
    rehandlingWindow_unit: 'months',
    disclosureWindow_amount: '20',
    disclosureWindow_unit: 'working_days',
    classes: '4',
    yellowDaysBefore: '15',
    ...overrides,
  };
}
