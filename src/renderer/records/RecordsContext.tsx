// The records handle for the views (main.tsx provides it around the App).
import { createContext, useContext } from 'react';
import type { RecordsHandle } from './records.ts';

export const RecordsContext = createContext<RecordsHandle | undefined>(undefined);

export function useRecords(): RecordsHandle | undefined {
  return useContext(RecordsContext);
}
