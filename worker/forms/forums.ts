/**
 * 单月座谈 topic form: its fields read as text at the one form boundary,
 * then the topic rule's checks (worker/rules/forums.ts parseTopicForm).
 */
import * as z from 'zod';
import { parseTopicForm } from '../rules/forums';
import { text } from '../../views/text/index';
import { messagesOf } from '../../views/text/messages';
import { parsedBy, textField } from './validate';

export const topicSchema = parsedBy(z.object({ month: textField, title: textField, description: textField, closes_on: textField }), (v) => {
  const r = parseTopicForm(v);
  return r.ok ? r : { ok: false as const, errors: messagesOf(r.errors, text.forums.formErrors) };
});
