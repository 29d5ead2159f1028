// The console in a real browser (Debian's chromium driven by playwright-core) against a real
// console process and a real aggregator on this test's own database and topics: the demo sign-in,
// the risk office's live zone view, the language switch, and a phone-sized screen. Screenshots of
// each view are saved under .run/screenshots/ for a reviewer.
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { kafkaBrokers, startServiceProcess, useTestDatabase, useTestTopics } from '@zone-risk/testkit';
import { chromium } from 'playwright-core';
import t from 'tap';

const screenshots = fileURLToPath(new URL('../../../../.run/screenshots/', import.meta.url));
mkdirSync(screenshots, { recursive: true });

t.test('risk office signs in, sees the live zone status, switches language', async (t) => {
  const db = await useTestDatabase(t, 'console_browser');
  const topics = await useTestTopics(t, ['safety', 'status']);
  const teardown = (stop: () => Promise<unknown>) => t.teardown(stop);
  const aggregator = await startServiceProcess(
    'aggregator',
    {
      NODE_ENV: 'test',
      MONGO_URL: db.url,
      MONGO_DB: db.dbName,
      KAFKA_BROKERS: (await kafkaBrokers()).join(','),
      AGGREGATOR_TOPICS: topics.safety,
      AGGREGATOR_STATUS_TOPIC: topics.status,
    },
    { teardown },
  );
  const console = await startServiceProcess(
    'console',
    { NODE_ENV: 'test', AGGREGATOR_URL: aggregator.url, SAFETY_URL: aggregator.url },
    { teardown },
  );
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
  t.teardown(() => browser.close());

  const page = await browser.newPage({ viewport: { width: 1280, height: 860 }, locale: 'zh-CN' });
  await page.goto(`${console.url}/risk`);
  await page.waitForURL(/\/sign-in/);
  await page.getByText('演示登录').waitFor();
  await page.screenshot({ path: `${screenshots}sign-in.png`, fullPage: true });
  await page.locator('[data-user="demo-risk-office"] button').click();
  await page.waitForURL(/\/risk$/);

  const zone = page.locator('[data-test="zone"]');
  await zone.waitFor();
  t.match(await zone.textContent(), /全区风险等级/, 'the zone banner in Chinese');
  await page.locator('[data-test="live"]', { hasText: '实时' }).waitFor();
  t.pass('the SSE stream is connected (live)');
  const token = await page.evaluate(() => sessionStorage.getItem('zone-risk.session'));
  t.ok(token, 'the token is kept in session storage');
  t.notMatch(page.url(), /eyJ|token/, 'and never in the URL');
  await page.screenshot({ path: `${screenshots}risk-office.png`, fullPage: true });

  await page.getByRole('button', { name: 'English' }).first().click();
  await page.getByText('Zone risk level').waitFor();
  t.pass('the English switch relabels the view');
  await page.screenshot({ path: `${screenshots}risk-office-en.png`, fullPage: true });
  await page.reload();
  await page.getByText('Zone risk level').waitFor();
  t.pass('the language and the session survive a reload');

  const phone = await browser.newPage({
    viewport: { width: 390, height: 844 },
    isMobile: true,
    hasTouch: true,
  });
  await phone.goto(`${console.url}/sign-in`);
  await phone.locator('[data-user="demo-inspector"] button').tap();
  await phone.waitForURL(/\/safety$/);
  await phone.locator('[data-test="list-safety"]').waitFor();
  // Evaluated in the page, where `document` exists; this file is typed for Node.
  const width = await phone.evaluate(
    () =>
      (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document
        .documentElement.scrollWidth,
  );
  t.ok(width <= 390 + 1, `the inspector's page fits a phone (${width}px wide)`);
  await phone.screenshot({ path: `${screenshots}inspector-phone.png`, fullPage: true });
});
