/**
 * Regression tests for hardening items in attribution, performance and risk: silently merged
 * labels, a null period, and windows printed as "undefined".
 */
import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../../src/core/errors.ts';
import { riskAttribution } from '../../src/attribution/index.ts';
import { linkedModifiedDietz } from '../../src/performance/index.ts';
import { historicalStress } from '../../src/risk/index.ts';

describe('labels and names', () => {
  it("riskAttribution with assets: ['A','A'] is a typed error (silently dropped an entry of byAsset)", () => {
    expect(() =>
      riskAttribution(
        [0.5, 0.5],
        [
          [0.04, 0],
          [0, 0.09],
        ],
        { assets: ['A', 'A'] },
      ),
    ).toThrow(/"A" appears twice/);
  });
  it('linkedModifiedDietz([p, null]) names the bad period', () => {
    const p = { start: '2024-01-01', end: '2024-01-31', startValue: 1000, endValue: 1100, flows: [] };
    expect(() => linkedModifiedDietz([p, null as never])).toThrow(InvalidArgumentError);
    expect(() => linkedModifiedDietz([p, null as never])).toThrow(/periods\[1\]` must be a period object/);
  });
  it('an unnamed stress window is named after its bounds, never "undefined"', () => {
    const r = historicalStress(
      [0.5, 0.5],
      [
        [0.01, 0.02],
        [-0.01, 0],
        [0.02, -0.01],
      ],
      { windows: [{ start: 0, end: 1 } as never] },
    );
    expect(r.windows[0]!.name).toBe('rows 0 to 1');
    expect(JSON.stringify(r)).not.toContain('undefined');
    expect(() =>
      historicalStress(
        [0.5, 0.5],
        [
          [0.01, 0.02],
          [-0.01, 0],
        ],
        { windows: [{ name: 7, start: 0, end: 1 } as never] },
      ),
    ).toThrow(/non-empty string/);
  });
});
