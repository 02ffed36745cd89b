// Probe (not committed): per keystroke at 4×, keydown → input → first widget DOM change → next rAF.
import { BENCH_VIEWPORTS, benchPage, benchQueries, benchSite, browser, typeQueries } from './lib.mjs';
const b = await browser();
const queries = await benchQueries();
const pct = (a, p) => { const x = [...a].sort((m, n) => m - n); return x[Math.min(x.length - 1, Math.floor((p / 100) * x.length))]; };
for (const kit of process.argv.slice(2)) {
  const s = await benchSite(kit);
  for (const [name, viewport] of Object.entries(BENCH_VIEWPORTS)) {
    const { page, context } = await benchPage(b, viewport, 4);
    await page.goto(s.base);
    await page.waitForFunction(() => window.HelpWidget?.timings?.launcher || window.HelpWidget?.timings?.interactive);
    await page.evaluate(() => HelpWidget.load?.());
    await page.waitForFunction(() => window.HelpWidget.timings.interactive);
    await page.evaluate(() => HelpWidget.open());
    await page.evaluate(() => {
      const root = document.querySelector('help-widget').shadowRoot;
      window.__rows = [];
      let key = null; let inp = null;
      document.addEventListener('keydown', (e) => { key = e.timeStamp; inp = null; }, { capture: true });
      root.addEventListener('input', () => { if (key !== null) inp = performance.now(); }, { capture: true });
      new MutationObserver(() => {
        if (key === null) return;
        const start = key; const i = inp; key = null;
        const mut = performance.now();
        requestAnimationFrame(() => window.__rows.push([i - start, mut - start, performance.now() - start]));
      }).observe(root, { subtree: true, childList: true, characterData: true, attributes: true });
    });
    const box = page.locator('help-widget').locator('#hw-q');
    await typeQueries(page, box, queries, 320, () => page.evaluate(() => HelpWidget.open()));
    await page.waitForTimeout(100);
    const rows = await page.evaluate(() => window.__rows);
    const f = (a) => `${pct(a, 50).toFixed(1)} / ${pct(a, 95).toFixed(1)}`;
    console.log(kit.slice(-4), name, 'n', rows.length, 'key→input', f(rows.map((r) => r[0])), 'key→change', f(rows.map((r) => r[1])), 'key→frame', f(rows.map((r) => r[2])));
    await context.close();
  }
  await s.close();
}
await b.close();
