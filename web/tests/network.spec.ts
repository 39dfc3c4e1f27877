// The network explorer against the bundled knowledge base: expanding a
// node, the date slider (the Haqqani network's ties before and after the
// Taliban's return in 2021), exposure from the Interior Ministry to al
// Qaeda with an edge's claims, the exports; and a synthetic 1,000-entity
// network served by a vigil of its own, timed from the answer's arrival to
// the first frame after the layout.
import { readFileSync } from 'node:fs';
import type { Browser } from '@playwright/test';
import { test, expect, type Page } from './fixtures';
import { startBenchServer } from './bench-network';
import { toGraphMl, xmlEscape } from '../src/lib/network-export';

async function ready(page: Page) {
  const canvas = page.getByTestId('network-canvas');
  await expect(canvas).toHaveAttribute('data-state', 'ready', { timeout: 30_000 });
  return canvas;
}

// The month index the date slider uses (months since January 1970).
const month = (year: number, m: number) => (year - 1970) * 12 + (m - 1);

test('expanding a node adds its neighbours', async ({ page, signIn, shot }) => {
  await signIn('reader');
  await page.goto('/ui/network?focus=sirajuddin-haqqani&as_of=2023-12-31');
  const canvas = await ready(page);
  const before = Number(await canvas.getAttribute('data-nodes'));
  await page.getByRole('tab', { name: /Entities/ }).click();
  const nodes = page.getByTestId('node-list');
  // His ties as of 2023: al Qaeda (he shelters it), not yet al Qaeda's Syrian affiliate.
  await expect(nodes.getByTestId('node-al-qaeda')).toBeVisible();
  await expect(nodes.getByTestId('node-al-nusra-front')).toHaveCount(0);
  // Double-click al Qaeda in the drawing (where Cytoscape drew it).
  const at = await page.evaluate(() => {
    const box = document.querySelector('[data-testid=network-canvas]') as HTMLElement & { _cyreg?: { cy: { getElementById: (id: string) => { renderedPosition: () => { x: number; y: number } } } } };
    return box._cyreg!.cy.getElementById('al-qaeda').renderedPosition();
  });
  const frame = (await canvas.boundingBox())!;
  await page.mouse.dblclick(frame.x + at.x, frame.y + at.y);
  await expect(page).toHaveURL(/expand=al-qaeda/);
  await ready(page);
  await page.getByRole('tab', { name: /Entities/ }).click();
  await expect(nodes.getByTestId('node-al-nusra-front')).toBeVisible();
  await expect(nodes.getByTestId('node-pakistani-taliban')).toBeVisible();
  // Bin Laden led al Qaeda until his death in 2011: not a tie in 2023.
  await expect(nodes.getByTestId('node-osama-bin-laden')).toHaveCount(0);
  const after = Number(await canvas.getAttribute('data-nodes'));
  expect(after).toBeGreaterThan(before);
  // Or with the button: the Haqqani network's backers join (the ISI; not
  // Yunus Khalis, who backed it until his death in 2006).
  await expect(nodes.getByTestId('node-isi')).toHaveCount(0);
  await nodes.getByRole('button', { name: 'Expand Haqqani network' }).click();
  await expect(page).toHaveURL(/expand=al-qaeda%2Chaqqani-network|expand=al-qaeda,haqqani-network/);
  await ready(page);
  await page.getByRole('tab', { name: /Entities/ }).click();
  await expect(nodes.getByTestId('node-isi')).toBeVisible();
  await expect(nodes.getByTestId('node-yunus-khalis')).toHaveCount(0);
  expect(Number(await canvas.getAttribute('data-nodes'))).toBeGreaterThan(after);
  // Selecting the new neighbour shows what it is; designated entities say by whom.
  await nodes.getByTestId('node-al-nusra-front').getByRole('button').first().click();
  await expect(page.getByTestId('node-details')).toContainText('al-Nusra Front');
  await expect(page.getByTestId('node-details')).toContainText('designated');
  await shot('network');
  // The side panel's tabs follow the arrow keys, as tabs do.
  const tabs = page.getByRole('tablist', { name: 'Side panel' });
  await tabs.getByRole('tab', { name: 'Details' }).focus();
  await page.keyboard.press('ArrowRight');
  await expect(tabs.getByRole('tab', { name: /Entities/ })).toHaveAttribute('aria-selected', 'true');
  await expect(tabs.getByRole('tab', { name: /Entities/ })).toBeFocused();
  await expect(page).toHaveURL(/tab=nodes/);
});

test('Enter in the entity picker before its answer picks the best hit of what was typed', async ({ page, signIn }) => {
  await signIn('reader');
  await page.goto('/ui/network');
  const picker = page.getByTestId('network-search');
  await picker.fill('Haqqani network');
  await picker.press('Enter'); // at once: the search has not answered yet
  await expect(page).toHaveURL(/focus=haqqani-network/);
});

test('the date slider redraws the Haqqani network as it stood', async ({ page, signIn, shot }) => {
  await signIn('reader');
  await page.goto('/ui/network?focus=haqqani-network&as_of=2020-06');
  await ready(page);
  await page.getByRole('tab', { name: /Relations/ }).click();
  const edges = page.getByTestId('edge-list');
  const fought = 'Haqqani network hostile to Government of the Islamic Republic of Afghanistan';
  const governs = 'Haqqani network holds position in Islamic Emirate of Afghanistan';
  // Mid-2020: at war with the Republic, no post in a Taliban government.
  await expect(edges).toContainText(fought);
  await expect(edges).not.toContainText(governs);
  await expect(page.getByTestId('as-of')).toHaveText('as of 2020-06');
  await shot('network-date-before');

  await page.getByLabel('As of (month)').fill(String(month(2022, 6)));
  await expect(page).toHaveURL(/as_of=2022-06/);
  await ready(page);
  // Mid-2022: the Republic is gone; the network holds posts in the Emirate.
  await expect(edges).toContainText(governs);
  await expect(edges).not.toContainText(fought);
  await shot('network-date-after');

  // The relation's claims open beside it, with the passage and its source.
  await edges.getByRole('button', { name: new RegExp(governs) }).click();
  const claims = page.getByTestId('edge-claims');
  await expect(claims.locator('.passage').first()).not.toBeEmpty();
  await expect(claims.getByRole('link', { name: /Haqqani Network/i }).first()).toHaveAttribute('href', /\/ui\/source\/fa-2022-haqqani-network\?span=\d+-\d+/);

  // All time: every relation, whatever its dates.
  await page.getByLabel('All time').check();
  await expect(page).not.toHaveURL(/as_of=/);
  await ready(page);
  await page.getByRole('tab', { name: /Relations/ }).click();
  await expect(edges).toContainText(fought);
  await expect(edges).toContainText(governs);
});

test('filters by predicate, confidence and party; size by a measure, colour by community', async ({ page, signIn }) => {
  await signIn('reader');
  await page.goto('/ui/network?focus=haqqani-network');
  await ready(page);
  await page.getByText('Predicates: all').click();
  await page.getByRole('group', { name: 'Predicates' }).getByLabel('hostile to').check();
  await expect(page).toHaveURL(/predicate=hostile_to/);
  await ready(page);
  await page.getByRole('tab', { name: /Relations/ }).click();
  const edges = page.getByTestId('edge-list');
  await expect(edges.getByRole('listitem')).toHaveCount(6);
  // Western officials' word against the denial: a weak, disputed (dashed) tie.
  const rivals = edges.getByRole('listitem').filter({ hasText: 'Haqqani network hostile to Islamic State Khorasan' });
  await expect(rivals).toContainText('disputed');
  await expect(rivals).toContainText('24%');
  await page.getByLabel('Minimum confidence').fill('50');
  await expect(page).toHaveURL(/min_confidence=0.5/);
  await ready(page);
  // The weak tie gone, ISIS-K is no neighbour any more, nor are its own enmities drawn.
  await expect(edges.getByRole('listitem')).toHaveCount(3);
  await expect(edges).not.toContainText('Islamic State Khorasan');

  // Only General Dunford's word: Pakistan's support.
  await page.goto('/ui/network?focus=haqqani-network');
  await ready(page);
  await page.getByLabel('Party').fill('joseph-dunford');
  await page.getByLabel('Party').press('Enter');
  await expect(page).toHaveURL(/party=joseph-dunford/);
  await ready(page);
  await page.getByRole('tab', { name: /Relations/ }).click();
  await expect(edges.getByRole('listitem')).toHaveCount(1);
  await expect(edges).toContainText('Pakistan supports Haqqani network');

  // Sized by PageRank (GET /v1/rank), coloured by Louvain community (GET /v1/communities).
  await page.goto('/ui/network?focus=haqqani-network&size=pagerank&colour=community&sel=n:haqqani-network');
  await ready(page);
  await expect(page.getByTestId('node-details')).toContainText('pagerank 0.0533');
  await expect(page.getByTestId('node-details')).toContainText(/community \d+/);
  await expect(page.getByLabel('Size')).toHaveValue('pagerank');
});

test('exposure from the Interior Ministry lights up the paths to al Qaeda', async ({ page, signIn, shot }) => {
  await signIn('reader');
  await page.goto('/ui/network?mode=exposure&as_of=2023-12-31');
  const search = page.getByTestId('exposure-search');
  await search.fill('Interior Ministry');
  await expect(page.getByRole('option', { name: /Ministry of Interior of the Islamic Emirate/ })).toBeVisible();
  await search.press('Enter');
  await expect(page).toHaveURL(/from=taliban-ministry-of-interior/);
  const panel = page.getByTestId('exposure-panel');
  await expect(panel).toContainText('Ministry of Interior of the Islamic Emirate');
  await panel.getByTestId('exposed-al-qaeda').getByRole('button').click();
  await expect(page).toHaveURL(/target=al-qaeda/);
  const paths = page.getByTestId('exposure-paths');
  await expect(paths).toContainText('Ministry of Interior of the Islamic Emirate → Sirajuddin Haqqani → al Qaeda');
  await ready(page);
  await shot('network-exposure');

  // On the path: lit; off it: not.
  await page.getByRole('tab', { name: /Entities/ }).click();
  for (const id of ['taliban-ministry-of-interior', 'sirajuddin-haqqani', 'al-qaeda'])
    await expect(page.getByTestId('node-' + id)).toHaveAttribute('data-lit', 'true');
  await expect(page.getByTestId('node-islamic-state')).toHaveAttribute('data-lit', 'false');

  // A step of the path opens its claims.
  await page.getByRole('tab', { name: 'Exposure' }).click();
  await paths.getByRole('button', { name: 'Sirajuddin Haqqani shelters al Qaeda' }).first().click();
  await expect(page.getByTestId('edge-details')).toContainText('shelters');
  const claims = page.getByTestId('edge-claims');
  await expect(claims.getByTestId('claim')).not.toHaveCount(0);
  await expect(claims.getByRole('link').last()).toHaveAttribute('href', /\/ui\/source\/[a-z0-9-]+(\?span=\d+-\d+)?$/);
});

test('the view exports as GraphML and PNG', async ({ page, signIn }) => {
  await signIn('reader');
  await page.goto('/ui/network?focus=haqqani-network&as_of=2020-06');
  await ready(page);
  const [graphml] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'GraphML' }).click()]);
  expect(graphml.suggestedFilename()).toBe('vigil-haqqani-network-2020-06.graphml');
  const xml = readFileSync((await graphml.path())!, 'utf8');
  expect(xml).toContain('<node id="haqqani-network"><data key="name">Haqqani network</data><data key="kind">organization</data>');
  expect(xml).toMatch(/<edge id="r\d+" source="haqqani-network" target="afghan-republic-government"><data key="predicate">hostile_to<\/data>/);
  // Well-formed: the browser's own XML parser reads it back, node for node.
  const counts = await page.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, 'application/xml');
    return { error: doc.getElementsByTagName('parsererror').length, nodes: doc.getElementsByTagName('node').length, edges: doc.getElementsByTagName('edge').length };
  }, xml);
  const canvas = page.getByTestId('network-canvas');
  expect(counts).toEqual({ error: 0, nodes: Number(await canvas.getAttribute('data-nodes')), edges: Number(await canvas.getAttribute('data-edges')) });

  const [png] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'PNG' }).click()]);
  const bytes = readFileSync((await png.path())!);
  expect(bytes.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
});

test('GraphML escapes markup and leaves out what XML cannot hold', () => {
  expect(xmlEscape(`Tom & Jerry's <"Q">`)).toBe('Tom &amp; Jerry&apos;s &lt;&quot;Q&quot;&gt;');
  // C0 controls (but tab, newline, return), lone surrogates, U+FFFE/U+FFFF: out; other scripts and emoji: kept.
  expect(xmlEscape('a\u0001b\tc\u0000d\uD800e\uDC00f\uFFFEg')).toBe('ab\tcdefg');
  expect(xmlEscape('سراج الدين حقاني 🙂')).toBe('سراج الدين حقاني 🙂');
  const xml = toGraphMl({
    asOf: '2020-06',
    measure: 'pagerank',
    nodes: [{ id: 'a&b', name: 'A <one>', kind: 'person', designations: ['UN', 'US'], measure: 0.5 }],
    edges: [{ fact_id: 7, source: 'a&b', target: 'c', predicate: 'member_of', confidence: 0.9, strength: 0.81, from: '~2015', to: null, disputed: true }],
  });
  expect(xml).toContain('<key id="measure" for="node" attr.name="pagerank" attr.type="double"/>');
  expect(xml).toContain('<graph id="vigil-2020-06" edgedefault="undirected">');
  expect(xml).toContain('<node id="a&amp;b"><data key="name">A &lt;one&gt;</data><data key="kind">person</data><data key="designations">UN US</data><data key="measure">0.5</data></node>');
  expect(xml).toContain('<edge id="r7" source="a&amp;b" target="c"><data key="predicate">member_of</data><data key="weight">0.81</data><data key="confidence">0.9</data><data key="from">~2015</data><data key="fact_id">7</data><data key="disputed">true</data></edge>');
});

// CPU time the main threads of the browser's renderers have used so far, in
// ms (Linux: a process's main thread is the task whose id is the process's).
// Unlike the clock, it leaves out the time other work on the machine takes.
async function rendererMainCpuMs(browser: Browser): Promise<number> {
  const session = await browser.newBrowserCDPSession();
  const { processInfo } = (await session.send('SystemInfo.getProcessInfo')) as { processInfo: { id: number; type: string }[] };
  await session.detach();
  let ticks = 0;
  for (const p of processInfo.filter((x) => x.type === 'renderer')) {
    try {
      const stat = readFileSync(`/proc/${p.id}/task/${p.id}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(fields[11]) + Number(fields[12]); // utime + stime
    } catch {
      // not Linux, or the process ended
    }
  }
  return ticks * 10; // USER_HZ is 100
}

test('a 1,000-entity network is laid out and interactive', async ({ page, browser, timing }) => {
  test.setTimeout(120_000);
  const bench = await startBenchServer(1000);
  try {
    const answered = page.waitForResponse((r) => r.url().includes('/v1/graph'));
    await page.goto(bench.base + '/ui/network?all=1');
    await (await answered).finished();
    const cpu0 = await rendererMainCpuMs(browser);
    const canvas = await ready(page);
    const cpu1 = await rendererMainCpuMs(browser);
    await expect(canvas).toHaveAttribute('data-nodes', '1000');
    // From the graph's answer to the first frame after the layout (the clock).
    timing('network: 1000 nodes laid out', Number(await canvas.getAttribute('data-layout-ms')));
    timing('network: 1000 nodes, page load to interactive', await page.evaluate(() => performance.now()));
    // The same stretch as CPU time of the page's main thread.
    if (cpu1 > 0) timing('network: 1000 nodes, main-thread CPU from answer to interactive', cpu1 - cpu0);
    // Interactive: a node chosen in the list is selected and described.
    await page.getByRole('tab', { name: /Entities/ }).click();
    const t0 = Date.now();
    await page.getByTestId('node-e0000').getByRole('button').first().click();
    await expect(page.getByTestId('node-details')).toContainText('Entity 0000');
    timing('network: 1000 nodes, select a node', Date.now() - t0);
  } finally {
    await bench.stop();
  }
});

test('the network explorer is usable at phone width', async ({ page, signIn }) => {
  await signIn('reader');
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/ui/network?focus=haqqani-network&as_of=2020-06&sel=n:haqqani-network');
  await ready(page);
  await expect(page.getByTestId('node-details')).toContainText('Haqqani network');
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
});
