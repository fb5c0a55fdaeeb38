// The Records view as a test reads it: open it, export its CSV (checked against the contract's
// columns, AUTOMATION-CONTRACT §5) and read the rows by column name.
import { readFileSync } from 'node:fs';
import { expect } from '@playwright/test';
import type { Download, Page } from 'playwright-core';
import { CSV_COLUMNS } from '../../src/core/records/export.ts';

/** A CSV file as rows of cells (quotes, doubled quotes and CRLF as Excel writes them). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { cell += '"'; i++; } else if (c === '"') quoted = false; else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(cell); cell = ''; } else if (c === '\r') continue;
    else if (c === '\n') { row.push(cell); rows.push(row); row = []; cell = ''; } else cell += c;
  }
  return rows;
}

export const saved = async (download: Download) => readFileSync((await download.path())!, 'utf8');

export async function openRecords(page: Page, errors: string[] = []) {
  await page.getByRole('button', { name: 'Records', exact: true }).click();
  const table = page.getByRole('table', { name: 'Call history' });
  try {
    await expect(table).toBeVisible();
  } catch (error) {
    const shown = await page.locator('body').innerText().catch(() => '(page gone)');
    throw new Error(`no Call history table; page errors: ${errors.join(' | ') || 'none'}; page shows: ${shown.slice(0, 1500)}`, { cause: error });
  }
  return table;
}

export async function exportCsv(page: Page): Promise<Array<Record<string, string>>> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()]);
  const text = await saved(file);
  expect(text.charCodeAt(0), 'UTF-8 BOM').toBe(0xfeff);
  const [header, ...rows] = parseCsv(text.slice(1));
  expect(header).toEqual([...CSV_COLUMNS]);
  return rows.map((cells) => Object.fromEntries(header!.map((h, i) => [h, cells[i] ?? ''])));
}
