// The header's Records button (AUTOMATION-CONTRACT §4: `Records` / `通话记录`). The view behind it
// — history, timelines, scorecard, export, the chart — is a separate chunk, loaded on first open,
// so the agent page's start-up JavaScript stays within its budget.
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useRecords } from './RecordsContext.tsx';

const RecordsView = lazy(() => import('./RecordsView.tsx'));

export function RecordsButton() {
  const { t } = useTranslation();
  const records = useRecords();
  const [open, setOpen] = useState(false);
  if (!records) return null;
  return (
    <>
      <button onClick={() => setOpen(!open)} aria-expanded={open}>{t('records')}</button>
      {open && (
        <Suspense fallback={<p role="status">{t('records.loading')}</p>}>
          <RecordsView records={records} onClose={() => setOpen(false)} />
        </Suspense>
      )}
    </>
  );
}
