/** The one part of jstat we use (it ships no types): the Student t distribution's quantile function. */
declare module 'jstat' {
  const jStat: { studentt: { inv(p: number, dof: number): number } };
  export default jStat;
}
