/** Building blocks of the domain tests' small campaigns: one heading and the Lai Châu plan's five-point option set MD4. */
export const HEAD = { code: 'TST-2024', name: 'Điều tra thử', year: 2024, province: 'Lai Châu' } as const;

/** 1 → 1, 2 → 0.6, 3 → 0.2, 4 → 0, 9 → don't know (no fraction). */
export const MD4 = {
  code: 'MD4',
  options: [
    { code: '1', label: 'Rất tốt', fraction: 1 },
    { code: '2', label: 'Tốt', fraction: 0.6 },
    { code: '3', label: 'Trung bình', fraction: 0.2 },
    { code: '4', label: 'Kém', fraction: 0 },
    { code: '9', label: 'Không biết', fraction: null },
  ],
};
