// Editing that keeps a person's work and their place: examples load only on
// request and can be undone; removing or moving a task keeps focus in the list.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useSite, openPlayground, applyText, withPage, taskLabels, waitUntil } from './support.mjs';

const site = useSite();

test('choosing an example loads it only on Load, and your tasks can come back', async () => {
  const { page, context } = await openPlayground(site);
  await withPage(page, async () => {
    await applyText(page, "v1 race\nmine 50ms ok 'mine'");
    await page.selectOption('#preset', 'timeout');
    assert.deepEqual(await taskLabels(page), ['mine'], 'choosing alone changes nothing');
    await page.click('#load-preset');
    await waitUntil(page, () => !!document.querySelector('#preset-notice'), null, 'the example to load');
    assert.deepEqual(await taskLabels(page), ['request', 'timeout']);
    await page.click('#bring-back');
    await waitUntil(page, () => !document.querySelector('#preset-notice'), null, 'own tasks to return');
    assert.deepEqual(await taskLabels(page), ['mine']);
    assert.equal(await page.$('#bring-back'), null, 'nothing left to bring back');
  });
  await context.close();
});

test('removing a task moves focus to the task that takes its place', async () => {
  const { page, context } = await openPlayground(site);
  await withPage(page, async () => {
    await applyText(page, 'v1 all\nfirst 10ms ok 1\nsecond 20ms ok 2\nthird 30ms ok 3');
    await page.focus('li.task[data-index="0"] button[data-action="remove"]');
    await page.keyboard.press('Enter');
    await waitUntil(page, () => document.querySelectorAll('li.task').length === 2, null, 'the row to go');
    const focused = await page.evaluate(() => [document.activeElement?.name, document.activeElement?.value]);
    assert.deepEqual(focused, ['label', 'second']);
  });
  await context.close();
});

test('moving a task keeps focus on the button that moved it', async () => {
  const { page, context } = await openPlayground(site);
  await withPage(page, async () => {
    await applyText(page, 'v1 all\nfirst 10ms ok 1\nsecond 20ms ok 2\nthird 30ms ok 3');
    await page.focus('li.task[data-index="0"] button[data-action="down"]');
    await page.keyboard.press('Enter');
    await waitUntil(page, () => document.querySelector('li.task[data-index="1"] input[name=label]')?.value === 'first', null, 'the move');
    await page.keyboard.press('Enter');
    await waitUntil(page, () => document.querySelector('li.task[data-index="2"] input[name=label]')?.value === 'first', null, 'a second move, from the keyboard alone');
    const focused = await page.evaluate(() => {
      const el = document.activeElement;
      return [el?.dataset.action, el?.closest('li.task')?.dataset.index];
    });
    assert.deepEqual(focused, ['down', '2']);
    assert.deepEqual(await taskLabels(page), ['second', 'third', 'first']);
  });
  await context.close();
});
