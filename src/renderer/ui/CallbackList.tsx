// Promised call-backs (H4, C5) and emergency cases' progress updates (N10): each is a task actor
// in the phone; this lists them from the phone's view.
import { useTranslation } from 'react-i18next';
import type { TaskView } from '../../core/call/index.ts';
import type { PhoneAdapter } from '../phone/phoneAdapter.ts';
import { formatDuration, useNow } from './useNow.ts';

export function CallbackList({ phone, tasks }: { phone: PhoneAdapter; tasks: TaskView[] }) {
  const { t } = useTranslation();
  const now = useNow(1000, tasks.length > 0);
  if (tasks.length === 0) return null;
  return (
    <section role="region" aria-label={t('callbacks')} className="panel callbacks">
      <h2>{t('callbacks')}</h2>
      <ul>
        {tasks.map((task) => (
          <li key={task.id} role={task.due ? 'alert' : undefined} className={`task task-${task.kind}`}>
            {task.kind === 'emergency' && <span className="task-kind">{t('callbacks.emergency', { count: task.updates })} · </span>}
            <strong>{task.number}</strong> · {task.due ? t('callbacks.due') : t('callbacks.in', { time: formatDuration(task.dueAt - now) })}
            <button onClick={() => phone.callBack(task.id)}>{t('callbacks.callBack')}</button>
            {task.attempts > 0 && <button onClick={() => phone.taskDone(task.id)}>{t(task.kind === 'emergency' ? 'callbacks.updateGiven' : 'callbacks.done')}</button>}
            {task.kind === 'emergency'
              ? <button onClick={() => phone.taskClose(task.id)}>{t('callbacks.closeCase')}</button>
              : <button onClick={() => phone.taskCancel(task.id)}>{t('callbacks.cancel')}</button>}
          </li>
        ))}
      </ul>
    </section>
  );
}
