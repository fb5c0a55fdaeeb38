// Follows one call actor from the moment it appears to its end and hands over its timeline
// events as they happen: the first event (who, which way, the rules in force), then each
// snapshot's changes and each notice. Used by the page's recorder and by the tests alike.
import type { CallRef } from '../call/phoneMachine.ts';
import type { CallSnapshot } from '../call/selectors.ts';
import type { CallEmitted, CallNotice } from '../call/types.ts';
import { noticeEvent, snapshotEvents, startedEvent, type RecordOptions } from './fromCall.ts';
import type { TimelineEvent } from './timeline.ts';

const COMMAND = /^engine\./;

export function watchCall(ref: CallRef, o: RecordOptions, emit: (events: TimelineEvent[]) => void): () => void {
  let last: CallSnapshot = ref.getSnapshot();
  emit([startedEvent(last, o), ...snapshotEvents(undefined, last, o)]);
  const notices = ref.on('*', (e: CallEmitted) => {
    if (COMMAND.test(e.type)) return;
    const event = noticeEvent(e as CallNotice, last.context.now(), o);
    if (event) emit([event]);
  });
  const snapshots = ref.subscribe((next) => {
    if (next === last) return;
    const events = snapshotEvents(last, next, o);
    last = next;
    if (events.length) emit(events);
  });
  return () => { notices.unsubscribe(); snapshots.unsubscribe(); };
}
