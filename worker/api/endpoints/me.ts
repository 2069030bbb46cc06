/** GET /me and GET /suggestion-options: who the token is, and what a new suggestion may name. */
import { defineEndpoint } from '../endpoint';
import { sendJson } from '../errors';
import { meResponse, optionsResponse } from '../schemas';
import { SOURCE_CHANNELS } from '../../rules/suggestion-limits';
import { text } from '../../../views/text/index';

export const me = defineEndpoint({
  id: 'me',
  method: 'get',
  path: '/me',
  success: { status: 200, schema: meResponse },
  async handle(c) {
    const u = c.var.user!;
    return sendJson(c, {
      id: u.id,
      username: u.username,
      displayName: u.displayName,
      role: u.role,
      roleLabel: text.roles[u.role] ?? u.role,
      deputyId: u.deputyId,
      unitId: u.unitId,
      stationId: u.stationId,
      tenant: { slug: c.var.tenant.slug, name: c.var.tenant.name },
    });
  },
});

export const suggestionOptions = defineEndpoint({
  id: 'suggestionOptions',
  method: 'get',
  path: '/suggestion-options',
  allow: ['suggestion.submit_own', 'suggestion.submit_for_deputy'],
  success: { status: 200, schema: optionsResponse },
  errors: ['forbidden'],
  async handle(c) {
    const { categories, deputies } = await c.var.data.suggestionFormOptions();
    return sendJson(c, {
      categories,
      deputies: deputies.map((d) => ({ id: d.id, name: d.name, level: d.level, stationName: d.stationName })),
      sourceChannels: SOURCE_CHANNELS.map((value) => ({ value, label: text.sourceChannels[value] ?? value })),
    });
  },
});
