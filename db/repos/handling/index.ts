/**
 * Every write that moves a suggestion through its life (DOMAIN.md, "A
 * suggestion's life"), one module per seam: staff's review (review.ts),
 * assignment and its return (assign.ts), the units' work (unit-work.ts),
 * the deputy's rating (rating.ts) and 督办 (supervision.ts). Each method
 * takes one object and is one atomic batch that starts with its guards —
 * the states and the unit's part the table of handling actions
 * (worker/rules/handling-actions.ts) allows, and the state the caller saw
 * — then the change, its timeline event and its notifications. The use
 * cases (worker/usecases/suggestions/) pass the due dates computed by
 * worker/rules/deadlines.ts.
 */
import type { Database } from '../../client';
import { handlingContext } from './shared';
import { reviewWrites } from './review';
import { assignWrites } from './assign';
import { unitWrites } from './unit-work';
import { ratingWrites } from './rating';
import { supervisionWrites } from './supervision';

export type { Actor, AssignmentRole, By, DeadlineSpec, NewAssignment, OnSuggestion } from './shared';
export type { Classification, Resubmission } from './review';
export type { Assignment, Extension } from './assign';
export type { Contact, OnPart, Reply, StoredFile, TrackingUpdate } from './unit-work';
export type { Rating, RatingValue } from './rating';
export type { ColourRaise, Supervision } from './supervision';

export function handling(db: Database, tenantId: number) {
  const h = handlingContext(db, tenantId);
  const units = unitWrites(h);
  return {
    ...reviewWrites(h),
    ...assignWrites(h),
    ...units,
    ...ratingWrites(h, units.replyingUnitIds),
    ...supervisionWrites(h),
  };
}

export type Handling = ReturnType<typeof handling>;
