// The Scenario combobox: type a Chinese title, pinyin initials (e.g. "ts" for 投诉) or a keyword.
import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Pack } from '../../core/pack/load.ts';
import { scenarioTitle, searchScenarios } from '../../core/guidance/scenarios.ts';

export function ScenarioPicker({ pack, current, onPick }: { pack: Pack; current?: string; onPick: (id: string) => void }) {
  const { t } = useTranslation();
  const [query, setQuery] = useState('');
  const [open, setOpen] = useState(false);
  const listId = useId();
  const results = useMemo(() => searchScenarios(pack, query, 12), [pack, query]);
  const title = (s: { title: string; titleEn?: string }) => scenarioTitle(s, pack.lang);
  const pick = (id: string) => { onPick(id); setQuery(''); setOpen(false); };
  return (
    <div className="scenario-picker">
      <input
        role="combobox"
        aria-label={t('scenario')}
        aria-expanded={open}
        aria-controls={listId}
        aria-autocomplete="list"
        placeholder={current ? title(pack.scenarios.find((s) => s.id === current) ?? { title: current }) : t('scenario.search')}
        value={query}
        maxLength={40}
        onFocus={() => setOpen(true)}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
        onChange={(e) => { setQuery(e.target.value); setOpen(true); }}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && results[0]) { e.preventDefault(); pick(results[0].id); }
          if (e.key === 'Escape') setOpen(false);
        }}
      />
      {open && (
        <ul id={listId} role="listbox" aria-label={t('scenario')}>
          {results.map((s) => (
            <li key={s.id} role="option" aria-selected={s.id === current} onMouseDown={(e) => { e.preventDefault(); pick(s.id); }}>
              {title(s)}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
