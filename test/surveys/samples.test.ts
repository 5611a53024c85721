/** The sample campaign files: they pass every campaign rule and hold the numbers of the plans they model. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { campaignProblemText, checkCampaign, type Campaign } from '../../surveys/campaign';
import { homeUnitsOf, targetsOf } from '../../surveys/scope';

function readText(name: string): string {
  return readFileSync(new URL(`../../surveys/samples/${name}`, import.meta.url), 'utf8');
}

/** Loads a sample and checks it, printing every problem when it fails. */
function load(name: string): Campaign {
  const result = checkCampaign(JSON.parse(readText(name)));
  if (!result.ok) {
    const lines = result.problems.map((p) => `  ${campaignProblemText(p, 'en')}`).join('\n');
    throw new Error(`${name} fails the campaign check:\n${lines}`);
  }
  return result.campaign;
}

const countLevel = (c: Campaign, level: string) => c.units.filter((u) => u.level === level).length;
const maxSum = (c: Campaign, level: string) => c.criteria.filter((x) => x.level === level).reduce((s, x) => s + x.maxPoints, 0);

describe.each(['lai-chau-2020.json', 'two-tier-2026.json'])('sample %s', (name) => {
  it('passes the campaign check', () => {
    expect(() => load(name)).not.toThrow();
  });

  it('is NFC-normalised UTF-8 without a BOM', () => {
    const text = readText(name);
    expect(text.charCodeAt(0)).not.toBe(0xfeff);
    expect(text).toBe(text.normalize('NFC'));
  });

  it('has a rating scale with a "Không biết" option that carries no fraction', () => {
    const c = load(name);
    for (const set of c.optionSets) expect(set.options.some((o) => o.fraction === null)).toBe(true);
  });
});

describe('Lai Châu 2020 sample', () => {
  const c = load('lai-chau-2020.json');

  it('has 20 departments, 8 districts and 106 communes, each commune under a district', () => {
    expect(countLevel(c, 'so')).toBe(20);
    expect(countLevel(c, 'huyen')).toBe(8);
    expect(countLevel(c, 'xa')).toBe(106);
    const districts = new Set(c.units.filter((u) => u.level === 'huyen').map((u) => u.code));
    for (const u of c.units.filter((x) => x.level === 'xa')) expect(districts.has(u.parent ?? '')).toBe(true);
  });

  it('has survey maxima of 22.5 for departments and 27 for districts', () => {
    expect(maxSum(c, 'so')).toBeCloseTo(22.5, 9);
    expect(maxSum(c, 'huyen')).toBeCloseTo(27, 9);
  });

  it('plans 1,193 forms in all (quota × home units)', () => {
    const perGroup = Object.fromEntries(c.groups.map((g) => [g.code, g.quota * homeUnitsOf(c, g).length]));
    expect(perGroup).toEqual({
      'CT01-HDND': 25,
      'CT01-LDH': 16,
      'CT02-CC': 300,
      'CT03-PH': 192,
      'CH01-HDND': 120,
      'CH02-LDS': 40,
      'CH03-CC': 288,
      'CH03-XA': 212,
    });
    expect(Object.values(perGroup).reduce((s, n) => s + n, 0)).toBe(1193);
  });

  it("sends each commune leader a CH-03 form that rates exactly the commune's district", () => {
    const g = c.groups.find((x) => x.code === 'CH03-XA');
    expect(g?.form).toBe('CH-03');
    const homes = homeUnitsOf(c, g!);
    expect(homes).toHaveLength(106);
    for (const home of homes) {
      const commune = c.units.find((u) => u.code === home)!;
      expect(targetsOf(c, g!, home)).toEqual([commune.parent]);
    }
  });
});

describe('two-tier 2026 sample', () => {
  const c = load('two-tier-2026.json');

  it('has departments and communes but no district level', () => {
    expect(countLevel(c, 'huyen')).toBe(0);
    expect(countLevel(c, 'so')).toBeGreaterThan(0);
    expect(countLevel(c, 'xa')).toBeGreaterThan(0);
    expect(c.units.every((u) => u.parent === undefined)).toBe(true);
  });

  it('has survey maxima of 20 for departments and 20 for communes, scored pooled', () => {
    expect(maxSum(c, 'so')).toBeCloseTo(20, 9);
    expect(maxSum(c, 'xa')).toBeCloseTo(20, 9);
    // No criterion at any other level: the 20 + 20 is the whole of the survey's points.
    expect([...new Set(c.criteria.map((x) => x.level))].sort()).toEqual(['so', 'xa']);
    expect(c.scoring.combine).toBe('pooled');
  });

  it('rates linked departments from every commune of the linked group', () => {
    const g = c.groups.find((x) => x.scope === 'linked')!;
    for (const home of homeUnitsOf(c, g)) {
      const targets = targetsOf(c, g, home as string);
      expect(targets.length).toBeGreaterThan(0);
      for (const t of targets) expect(c.units.find((u) => u.code === t)?.level).toBe('so');
    }
  });
});
