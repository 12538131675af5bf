// Screenshots pages of a running server: [COOKIE=name=value] node scripts/screenshot.mjs BASE OUTDIR PATH...
import { launch } from '../tests/lib/browser.mjs';
const [base, out, ...paths] = process.argv.slice(2);
const browser = await launch();
const context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
// COOKIE="name=value": a session to take signed-in pages with
if (process.env.COOKIE) {
  const [name, ...rest] = process.env.COOKIE.split('=');
  await context.addCookies([{ name, value: rest.join('='), url: base }]);
}
const page = await context.newPage();
for (const p of paths) {
  await page.goto(base + p);
  const name = p.replace(/[^a-zA-Z0-9]+/g, '_').replace(/^_|_$/g, '') || 'home';
  await page.screenshot({ path: `${out}/${name}.png`, fullPage: true });
  console.log(`${out}/${name}.png`);
}
await browser.close();
