/**
 * Opens a report page in headless Chromium (Debian's /usr/bin/chromium, driven by playwright-core),
 * collects console errors and page errors, counts chart elements, and optionally takes a screenshot.
 * Screenshots go to docs/img/ when VIGIE_UPDATE_SCREENSHOTS=1, else to a temporary folder.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { REPO_ROOT } from '../../services/engine/engine-options.js';

export interface PageCheck {
  errors: string[];
  svgs: number;
  /** Per chart (svg.chart): number of data points (circle.pt) and bars (rect.bar with a height > 0). */
  charts: { title: string; points: number; bars: number }[];
  screenshot: string | null;
}

export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync'];

export async function openReport(htmlFile: string, screenshotName: string | null, tmp: string, scrollTo?: string): Promise<PageCheck> {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage({ viewport: { width: 1300, height: 820 } });
    const errors: string[] = [];
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('requestfailed', (r) => errors.push(`request failed: ${r.url()}`));
    await page.goto(pathToFileURL(htmlFile).href, { waitUntil: 'load' });
    const charts = await page.$$eval('svg.chart', (svgs) => svgs.map((s) => ({
      title: s.querySelector('text')?.textContent ?? '',
      points: s.querySelectorAll('circle.pt').length,
      bars: [...s.querySelectorAll('rect.bar')].filter((r) => Number(r.getAttribute('height')) > 0).length,
    })));
    const svgs = await page.$$eval('svg', (x) => x.length);
    let screenshot: string | null = null;
    if (screenshotName) {
      const dir = process.env.VIGIE_UPDATE_SCREENSHOTS === '1' ? join(REPO_ROOT, 'docs/img') : tmp;
      mkdirSync(dir, { recursive: true });
      screenshot = join(dir, screenshotName);
      if (scrollTo) await page.locator(scrollTo).first().scrollIntoViewIfNeeded();
      await page.screenshot({ path: screenshot, type: 'png' });
    }
    return { errors, svgs, charts, screenshot };
  } finally {
    await browser.close();
  }
}
