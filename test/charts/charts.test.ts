import { describe, expect, it } from 'vitest';
import { attributionChart, correlationHeatmap, drawdownChart, efficientFrontierChart, riskContributionChart, weightsChart } from '../../src/charts/index.ts';
import { InvalidArgumentError } from '../../src/core/errors.ts';
import { deepFreeze, expectTypedError } from '../helpers.ts';

const frontier = Array.from({ length: 12 }, (_, i) => ({ volatility: 0.08 + 0.01 * i, expectedReturn: 0.04 + 0.005 * i - 0.0002 * i * i }));

const cases: Array<[string, () => string]> = [
  [
    'efficientFrontierChart',
    () =>
      efficientFrontierChart({
        frontier,
        assets: [{ label: 'A<&>', volatility: 0.2, expectedReturn: 0.07 }],
        maxSharpe: frontier[5]!,
        minVariance: frontier[0]!,
        riskFreeRate: 0.02,
        corners: [frontier[0]!, frontier[11]!],
      }),
  ],
  ['weightsChart', () => weightsChart({ weights: [0.5, 0.6, -0.1], labels: ['A<&>', 'B', 'C'] })],
  ['riskContributionChart', () => riskContributionChart({ labels: ['A<&>', 'B'], weights: [0.5, 0.5], contributions: [0.7, 0.3] })],
  [
    'drawdownChart',
    () =>
      drawdownChart(
        { returns: [0.01, -0.05, 0.02, 0.03, -0.01], dates: ['2024-01-02', '2024-01-03', '2024-01-04', '2024-01-05', '2024-01-08'] },
        { title: 'Wealth of A<&>' },
      ),
  ],
  [
    'attributionChart',
    () =>
      attributionChart({
        segments: [
          { name: 'A<&>', allocation: 0.001, selection: -0.002, interaction: 0.0005 },
          { name: 'B', allocation: 0.003, selection: 0 },
        ],
      }),
  ],
  [
    'correlationHeatmap',
    () =>
      correlationHeatmap(
        [
          [1, 0.3],
          [0.3, 1],
        ],
        { labels: ['A<&>', 'B'] },
      ),
  ],
];

/** Element names in document order: the SVG's structure without coordinates. */
function skeleton(svg: string): string[] {
  return [...svg.matchAll(/<([a-zA-Z]+)[\s>/]/g)].map((m) => m[1]!);
}

/** Checks that every opened element is closed in order (well-formed for our subset of XML). */
function wellFormed(svg: string): boolean {
  const stack: string[] = [];
  for (const m of svg.matchAll(/<(\/?)([a-zA-Z]+)([^>]*?)(\/?)>/g)) {
    const [, close, name, , selfClose] = m;
    if (selfClose) continue;
    if (close) {
      if (stack.pop() !== name) return false;
    } else stack.push(name!);
  }
  return stack.length === 0;
}

describe('charts', () => {
  for (const [name, render] of cases) {
    it(`${name}: standalone, accessible, well-formed SVG`, () => {
      const svg = render();
      expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
      expect(svg.trimEnd().endsWith('</svg>')).toBe(true);
      expect(wellFormed(svg)).toBe(true);
      expect(svg).toMatch(/<title id="qv-[a-z-]+-title">[^<]+<\/title>/);
      expect(svg).toMatch(/<desc id="qv-[a-z-]+-desc">[^<]+<\/desc>/);
      expect(svg).toContain('role="img"');
      // labels are escaped, never injected as markup
      expect(svg).not.toContain('A<&>');
      expect(svg).toContain('A&lt;&amp;&gt;');
      expect(svg).not.toMatch(/NaN|undefined|Infinity/);
    });
    it(`${name}: deterministic, nothing leaks between calls`, () => {
      const a = render();
      render();
      expect(render()).toBe(a);
    });
    it(`${name}: SVG structure snapshot`, () => {
      expect(skeleton(render())).toMatchSnapshot();
    });
  }

  it('axes carry ticks with units and labels', () => {
    const svg = efficientFrontierChart({ frontier });
    expect(svg).toContain('class="axis axis-x"');
    expect(svg).toContain('>Volatility<');
    expect(svg).toContain('>Expected return<');
    expect(svg).toMatch(/>\d+%</);
    const plain = efficientFrontierChart({ frontier }, { percent: false, xLabel: 'Risk', yLabel: 'Return' });
    expect(plain).not.toMatch(/>\d+%</);
    expect(plain).toContain('>Risk<');
  });

  it('the capital market line passes through the max-Sharpe point', () => {
    const ms = { volatility: 0.1, expectedReturn: 0.06 };
    const svg = efficientFrontierChart({
      frontier: [
        { volatility: 0.05, expectedReturn: 0.03 },
        { volatility: 0.2, expectedReturn: 0.08 },
      ],
      maxSharpe: ms,
      riskFreeRate: 0.02,
    });
    const m = svg.match(/class="cml"[^>]*x1="(-?[\d.]+)" y1="(-?[\d.]+)" x2="(-?[\d.]+)" y2="(-?[\d.]+)"/);
    expect(m).not.toBeNull();
    const [x1, y1, x2, y2] = m!.slice(1).map(Number) as [number, number, number, number];
    const star = svg
      .match(/class="max-sharpe" points="([^"]+)"/)![1]!
      .split(' ')
      .map((p) => p.split(',').map(Number));
    const cx = star.reduce((s, p) => s + p[0]!, 0) / star.length;
    const cy = star.reduce((s, p) => s + p[1]!, 0) / star.length;
    // the star's centre lies on the segment (within rounding of the 2-decimal coordinates)
    const cross = (x2 - x1) * (cy - y1) - (y2 - y1) * (cx - x1);
    expect(Math.abs(cross) / Math.hypot(x2 - x1, y2 - y1)).toBeLessThan(0.5);
  });

  it('drawdownChart reports the maximum drawdown of the compounded wealth index', () => {
    // wealth 1 → 1.1 → 0.88 → 0.924 → 1.0164: deepest point 0.88 / 1.1 − 1 = −20 %
    expect(drawdownChart({ returns: [0.1, -0.2, 0.05, 0.1] })).toContain('Maximum drawdown 20.0%');
  });

  it('weightsChart sorts on request and accepts a record', () => {
    const svg = weightsChart({ B: 0.2, A: 0.8 }, { sort: true });
    expect(svg.indexOf('>A<')).toBeLessThan(svg.indexOf('>B<'));
  });

  it('correlationHeatmap honours the order and colours ±1 at the ends of the scale', () => {
    const svg = correlationHeatmap(
      [
        [1, -1],
        [-1, 1],
      ],
      { labels: ['X', 'Y'], order: [1, 0] },
    );
    expect(svg.indexOf('>Y<')).toBeLessThan(svg.indexOf('>X<'));
    expect(svg).toContain('rgb(178,24,43)');
    expect(svg).toContain('rgb(33,102,172)');
  });

  it('default ids differ between chart kinds, so a page can hold one of each', () => {
    const ids = cases.map(([, render]) => render().match(/aria-labelledby="([^ ]+)-title/)![1]);
    expect(new Set(ids).size).toBe(cases.length);
  });

  it('options: size, theme and id', () => {
    const svg = weightsChart({ A: 1 }, { width: 300, height: 200, theme: 'dark', id: 'w1', title: 'Mine' });
    expect(svg).toContain('width="300" height="200"');
    expect(svg).toContain('#111418');
    expect(svg).toContain('aria-labelledby="w1-title w1-desc"');
    expect(svg).toContain('>Mine</title>');
  });

  it('does not mutate its inputs', () => {
    const data = deepFreeze({ frontier: frontier.map((p) => ({ ...p })), assets: [{ label: 'A', volatility: 0.2, expectedReturn: 0.1 }] });
    expect(() => efficientFrontierChart(data)).not.toThrow();
    const corr = deepFreeze([
      [1, 0.2],
      [0.2, 1],
    ]);
    expect(() => correlationHeatmap(corr, deepFreeze({ labels: ['a', 'b'], order: [1, 0] }))).not.toThrow();
  });

  it('bad input gets typed errors naming the argument', () => {
    const bad: Array<[() => unknown, RegExp]> = [
      [() => efficientFrontierChart({ frontier: [frontier[0]!] }), /frontier/],
      [() => efficientFrontierChart({ frontier: [{ volatility: Number.NaN, expectedReturn: 0 }, frontier[1]!] }), /volatility/],
      [() => efficientFrontierChart({ frontier: [{ volatility: -1, expectedReturn: 0 }, frontier[1]!] }), /volatility/],
      [() => efficientFrontierChart({ frontier }, { colour: 'red' } as never), /unknown option `colour`/],
      [() => weightsChart({ weights: [0.5, 0.5], labels: ['A'] }), /labels/],
      [() => weightsChart({}), /no weights/],
      [() => weightsChart({ A: Number.POSITIVE_INFINITY }), /weights/],
      [() => riskContributionChart({ labels: ['A', 'B'], weights: [0.5, 0.5], contributions: [1] }), /contributions/],
      [() => drawdownChart({ returns: [0.1] }), /at least 2/],
      [() => drawdownChart({ returns: [0.1, -1] }), /> −1/],
      [() => drawdownChart({ returns: [0.1, 0.2], dates: ['2024-01-01'] }), /dates/],
      [() => attributionChart({ segments: [] }), /segments/],
      [() => attributionChart({ segments: [{ name: 'A', allocation: Number.NaN, selection: 0 }] }), /allocation/],
      [
        () =>
          correlationHeatmap([
            [1, 2],
            [2, 1],
          ]),
        /outside/,
      ],
      [
        () =>
          correlationHeatmap(
            [
              [1, 0],
              [0, 1],
            ],
            { order: [0, 0] },
          ),
        /permutation/,
      ],
      [
        () =>
          correlationHeatmap(
            [
              [1, 0],
              [0, 1],
            ],
            { theme: 'neon' as never },
          ),
        /theme/,
      ],
      [() => weightsChart({ A: 1 }, { width: 10 }), /width/],
      [() => weightsChart({ A: 1 }, { id: '1 bad' }), /id/],
    ];
    for (const [f, re] of bad) expectTypedError(f, InvalidArgumentError, re);
  });
});
