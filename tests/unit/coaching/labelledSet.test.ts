// The speech coach on the labelled set (issue 12): espeak-ng speech of known text at known rates,
// at several levels, with line noise, in Mandarin and English, and two voices talking over each
// other — decoded in Node and measured with the same core code the call actor runs.
// Targets: median |error| ≤ 10 % between 100 and 220 a minute; talk-over precision and recall
// ≥ 0.9; no rate hint on the in-range set. (The same set through real calls: `npm run bench --
// --only coaching-accuracy`.)
import { describe, expect, it } from 'vitest';
import { startCall } from '../../../src/core/call/callTestKit.ts';
import { FRAME_MS } from '../../../src/core/coaching/envelope.ts';
import {
  conversation, resampled, spokenSyllables, speech, toolsAvailable, writtenSyllables, ZH_SENTENCES, type Lang, type SpeechOptions,
} from '../../fixtures/speech/labelledSet.ts';
import { framesOf, median, runCoach, scoreTalkOvers, table } from '../../fixtures/speech/evaluate.ts';

const tools = toolsAvailable();
const SLOW = 240_000; // the first run makes the WAVs (cached in the temp dir afterwards)

interface Row { lang: Lang; cpm: number; variant: string; truth: number; estimate: number; error: number }

function measure(lang: Lang, cpm: number, variant: Pick<SpeechOptions, 'levelDb' | 'noiseDb'>): Row {
  const s = speech({ lang, cpm, sentences: 4, ...variant });
  const { figures } = runCoach(framesOf(s.file));
  const estimate = figures.meanRate ?? 0;
  return {
    lang, cpm, variant: `${variant.levelDb ?? -6} dB${variant.noiseDb === undefined ? '' : `, noise ${variant.noiseDb} dB`}`,
    truth: s.truthCpm, estimate, error: (estimate - s.truthCpm) / s.truthCpm,
  };
}

function report(rows: Row[]): string {
  return table([['lang', 'asked', 'level', 'true /min', 'measured /min', 'error'],
    ...rows.map((r) => [r.lang, r.cpm, r.variant, r.truth.toFixed(0), r.estimate.toFixed(0), `${(r.error * 100).toFixed(1)} %`])]);
}

describe.skipIf(!tools)('the labelled set (espeak-ng + sox)', () => {
  it('Mandarin from cmn-latn-pinyin is one syllable per Han character (the truth of the set)', () => {
    for (const text of ZH_SENTENCES) expect(spokenSyllables(text, 'zh')).toBe(writtenSyllables(text, 'zh'));
  }, SLOW);

  it('N11: Mandarin from 80 to 260 a minute, at three levels and with line noise: median |error| ≤ 10 % in 100–220', () => {
    const variants = [{ levelDb: -6 }, { levelDb: -26, noiseDb: -55 }, { levelDb: -40, noiseDb: -72 }];
    const rows = [80, 100, 120, 135, 150, 170, 200, 220, 240, 260].flatMap((cpm) => variants.map((v) => measure('zh', cpm, v)));
    console.log(`\n${report(rows)}`);
    const inScope = rows.filter((r) => r.truth >= 100 && r.truth <= 220);
    expect(median(inScope.map((r) => Math.abs(r.error)))).toBeLessThanOrEqual(0.10);
    for (const r of inScope) expect(Math.abs(r.error), `${r.cpm} ${r.variant}`).toBeLessThan(0.15);
    for (const r of rows) expect(Math.abs(r.error), `${r.cpm} ${r.variant}`).toBeLessThan(0.25);
  }, SLOW);

  it('N11: English syllables a minute, 100 to 250: median |error| ≤ 10 % in 100–220', () => {
    const rows = [100, 130, 160, 190, 220, 250].flatMap((cpm) => [measure('en', cpm, { levelDb: -6 }), measure('en', cpm, { levelDb: -20, noiseDb: -55 })]);
    console.log(`\n${report(rows)}`);
    const inScope = rows.filter((r) => r.truth >= 100 && r.truth <= 220);
    expect(median(inScope.map((r) => Math.abs(r.error)))).toBeLessThanOrEqual(0.10);
  }, SLOW);

  it('N11: measures the same at 8 kHz (the live tap\'s telephone band) as at 48 kHz', () => {
    for (const [lang, cpm] of [['zh', 100], ['zh', 200], ['en', 150]] as const) {
      const s = speech({ lang, cpm, sentences: 4 });
      const wide = runCoach(framesOf(s.file)).figures.meanRate!;
      const narrow = runCoach(framesOf(resampled(s.file, 8_000))).figures.meanRate!;
      expect(Math.abs(narrow - wide) / wide, `${lang} ${cpm}`).toBeLessThan(0.03);
    }
  }, SLOW);

  it('N11: no "too fast / too slow" hint on speech inside the band (120–150), through the call actor', () => {
    for (const [cpm, variant] of [[128, { levelDb: -6 }], [136, { levelDb: -6 }], [142, { levelDb: -26, noiseDb: -55 }], [150, { levelDb: -16 }]] as const) {
      const s = speech({ lang: 'zh', cpm, ...variant });
      expect(s.truthCpm).toBeGreaterThanOrEqual(120);
      expect(s.truthCpm).toBeLessThanOrEqual(150);
      const call = startCall().connect();
      const frames = framesOf(s.file);
      for (let i = 0; i < frames.length; i += 50) {
        call.advance(500);
        call.send({ type: 'COACH.FEATURES', frameMs: FRAME_MS, agent: frames.slice(i, i + 50), customer: new Array(Math.min(50, frames.length - i)).fill(-90) });
      }
      expect(call.types(), `${cpm}: ${s.truthCpm.toFixed(0)} a minute`).not.toContain('coach.rateHint');
      expect(call.snapshot().context.coaching?.figures.offRunMs ?? 0).toBeLessThan(10_000);
    }
  }, SLOW);

  it('F2: two voices over each other at known offsets: talk-over precision and recall ≥ 0.9, customer interruptions apart', () => {
    for (const variant of [{}, { levelDb: -20, noiseDb: -55 }]) {
      const c = conversation(variant);
      const { events, figures } = runCoach(framesOf(c.agent), framesOf(c.customer));
      const detected = events.flatMap((e) => (e.type === 'talkOver' ? [{ by: e.by, atMs: e.frame * FRAME_MS }] : []));
      const score = scoreTalkOvers(detected, c.overlaps);
      console.log(`talk-overs ${JSON.stringify(variant)}: truth ${score.truth}, detected ${score.detected}, precision ${score.precision.toFixed(2)}, recall ${score.recall.toFixed(2)}`
        + `${score.missed.length ? `, missed ${JSON.stringify(score.missed)}` : ''}${score.extra.length ? `, extra ${JSON.stringify(score.extra)}` : ''}`);
      expect(score.precision).toBeGreaterThanOrEqual(0.9);
      expect(score.recall).toBeGreaterThanOrEqual(0.9);
      const byAgent = c.overlaps.filter((o) => o.by === 'agent' && o.overlapMs >= 300).length;
      expect(figures.talkOvers.agent).toBe(byAgent);
      expect(figures.talkOvers.customer).toBe(c.overlaps.filter((o) => o.by === 'customer' && o.overlapMs >= 300).length);
    }
  }, SLOW);
});
