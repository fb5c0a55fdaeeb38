import { useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallbackTasks } from '../phone/callbackTasks.ts';
import { formatDuration, useNow } from './useNow.ts';

export function CallbackList({ tasks }: { tasks: CallbackTasks }) {
  const { t } = useTranslation();
  const list = useSyncExternalStore(tasks.subscribe, tasks.getSnapshot);
  const now = useNow(1000, list.length > 0);
  if (list.length === 0) return null;
  return (
    <section role="region" aria-label={t('callbacks')} className="panel callbacks">
      <h2>{t('callbacks')}</h2>
      <ul>
        {list.map((task) => (
          <li key={task.id} role={task.due ? 'alert' : undefined}>
            <strong>{task.number}</strong> · {task.due ? t('callbacks.due') : t('callbacks.in', { time: formatDuration(task.dueAt - now) })}
            <button onClick={() => tasks.callBack(task.id)}>{t('callbacks.callBack')}</button>
            {task.attempts > 0 && <button onClick={() => tasks.done(task.id)}>{t('callbacks.done')}</button>}
            <button onClick={() => tasks.cancel(task.id)}>{t('callbacks.cancel')}</button>
          </li>
        ))}
      </ul>
    </section>
  );
}
