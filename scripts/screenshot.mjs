// Screenshots pages of a running server: [COOKIE=name=value] [WIDTH=390] node scripts/screenshot.mjs BASE OUTDIR PATH...
import { launch } from '../tests/lib/browser.mjs';
const [base, out, ...paths] = process.argv.slice(2);
const browser = await launch();
const width = Number(process.env.WIDTH || 1100); // 390: a phone
const context = await browser.newContext({ viewport: { width, height: 900 } });
// COOKIE="name=value": a session to take signed-in pages with
if (process.env.COOKIE) {
  const [name, ...rest] = process.env.COOKIE.split('=');
  await context.addCookies([{ name, value: rest.join('='), url: base }]);
}
const page = await context.newPage();
for (const p of paths) {
  await page.goto(base + p);
  const name = p.replace(/[^a-zA-Z0-9]+/g, '_').replace(/^_|_$/g, '') || 'home';
  await page.screenshot({ path: `${out}/${name}${process.env.WIDTH ? '-' + width : ''}.png`, fullPage: true });
  console.log(`${out}/${name}${process.env.WIDTH ? "-" + width : ""}.png`);
}
await browser.close();
