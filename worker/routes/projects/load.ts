/**
 * Loading one 民生实事 project or ballot for a page or a step: scoped to the
 * tenant by the data layer, and for a project visible only to those
 * canSeeProject (worker/rules/projects.ts) allows; anything else is a 404,
 * so its existence is not revealed.
 */
import type { AppContext } from '../../context';
import { can } from '../../rules/roles';
import { canSeeProject } from '../../rules/projects';
import type { ProjectRow } from '../../../db/repos/projects';
import { idOf } from '../../forms/projects';
import { countIfDue } from './shared';

/** The project named in the path if this user may see it. */
export async function visibleProject(c: AppContext): Promise<ProjectRow | null> {
  const id = idOf(c.req.param('projectId') ?? '');
  const project = id === null ? undefined : await c.var.data.projects.get(id);
  if (!project) return null;
  const user = c.var.user!;
  const role = user.role;
  const viewer = { role, userId: user.id, deputyId: user.deputyId, unitId: user.unitId };
  return canSeeProject(viewer, project, can(role, 'project.view')) ? project : null;
}

/** A project of this tenant named in the path (for staff, who see every one), or null for a 404 page. */
export async function projectOr404(c: AppContext) {
  const id = idOf(c.req.param('projectId') ?? '');
  const project = id === null ? undefined : await c.var.data.projects.get(id);
  return project ?? null;
}

/** The ballot named in the path, counted first if its time is up; null for a 404 page. */
export async function ballotOr404(c: AppContext) {
  const id = idOf(c.req.param('ballotId') ?? '');
  if (id === null) return null;
  const user = c.var.user!;
  const repo = c.var.data.projects;
  let view = await repo.ballot(id, user.deputyId);
  if (!view) return null;
  // The first view after the closing time counts the votes.
  if (await countIfDue(c, view.ballot, Date.now())) view = (await repo.ballot(id, user.deputyId)) ?? view;
  return view;
}
