// Call records: a timeline per call, the verdicts and the export derived from it, the scorecard.
export * from './timeline.ts';
export * from './verdicts.ts';
export * from './record.ts';
export * from './export.ts';
export * from './mask.ts';
export * from './isoTime.ts';
export * from './scorecard.ts';
export * from './fromCall.ts';
export * from './watchCall.ts';
