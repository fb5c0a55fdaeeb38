// Everything the benchmark can measure. The SeatMate web-host agent (driven through its UI)
// joins here as another Subject producing the same metrics; the table then shows its ratios.
import { baseline } from './baseline.ts';
import { coachingAccuracy, coachingCost } from './coaching.ts';
import type { Subject } from './measure.ts';
import { records } from './records.ts';
import { hiddenLong, rulesHidden } from './rulesHidden.ts';
import { seatmate } from './seatmate.ts';
import { soak } from './soak.ts';

export const subjects: Subject[] = [baseline, seatmate, rulesHidden, records, coachingCost, coachingAccuracy, soak, hiddenLong];
