/**
 * `npm run demo`: the end-to-end portfolio workflow on the bundled sample data, printed as a
 * report in the terminal. Each step lives in examples/demo-steps/ and returns its text.
 */
import { loadSampleData } from './data/load.ts';
import { runCovarianceStep } from './demo-steps/covariance.ts';
import { runReturnsStep } from './demo-steps/returns.ts';
import { simpleReturns } from '../src/returns/index.ts';

const started = Date.now();
const data = loadSampleData();
const tickers = data.assets.map((a) => a.ticker);
const returns = simpleReturns(data.prices);

function section(title: string, body: string): void {
  const bar = '='.repeat(Math.max(20, title.length + 4));
  process.stdout.write(`\n${bar}\n  ${title}\n${bar}\n${body.trimEnd()}\n`);
}

process.stdout.write('quantivista demo — an end-to-end portfolio workflow on the bundled sample data\n');
process.stdout.write('(30 fictional assets, daily prices 2015-2024; all figures from the library)\n');
section('1. Data and returns', runReturnsStep(data));
section('2. Covariance', runCovarianceStep(returns, tickers));
process.stdout.write(`\nDone in ${((Date.now() - started) / 1000).toFixed(1)} s.\n`);
