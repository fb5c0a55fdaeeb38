// What comes due next on a call, for the overlay (issue 15: "next due time"): the soonest deadline
// among the call's running rules — the greeting, the next check-in on hold, the hold limit, the
// hang-up lock. Derived from the rules view the call actor's snapshot gives; nothing is stored.
import type { RuleId, RuleStatus } from '../call/selectors.ts';

export interface NextDue { rule: RuleId; at: number }

export function nextDue(rules: readonly RuleStatus[]): NextDue | undefined {
  let next: NextDue | undefined;
  for (const r of rules) {
    if (r.state !== 'running' || r.deadline === undefined) continue;
    if (!next || r.deadline < next.at) next = { rule: r.rule, at: r.deadline };
  }
  return next;
}
