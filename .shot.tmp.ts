import { chromium } from 'playwright-core';
const url = process.argv[2];
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox'] });
for (const js of [true, false]) {
  const ctx = await b.newContext({ javaScriptEnabled: js, viewport: { width: 360, height: 740 }, deviceScaleFactor: 1, isMobile: true, hasTouch: true });
  const p = await ctx.newPage();
  await p.goto(url);
  const r = await p.evaluate(() => {
    const qs = [...document.querySelectorAll('.question')] as HTMLElement[];
    const hs = qs.map((q) => q.getBoundingClientRect().height);
    const btn = document.querySelector('.same-all button') as HTMLElement | null;
    const opt = document.querySelector('label.opt') as HTMLElement | null;
    const bb = btn?.getBoundingClientRect(); const ob = opt!.getBoundingClientRect();
    return { sw: document.documentElement.scrollWidth, page: document.documentElement.scrollHeight, qmean: hs.reduce((a, b) => a + b, 0) / hs.length, btn: bb ? [bb.width, bb.height] : null, opt: [ob.width, ob.height] };
  });
  console.log(js ? 'js' : 'nojs', r, 'screens/question', (r.qmean / 740).toFixed(2), 'page screens', (r.page / 740).toFixed(1));
  if (js) {
    await p.screenshot({ path: '/tmp/resp/after-top.png' });
    await p.evaluate(() => document.querySelector('#c8-1')!.scrollIntoView());
    await p.screenshot({ path: '/tmp/resp/after-mid.png' });
  }
  await ctx.close();
}
await b.close();
