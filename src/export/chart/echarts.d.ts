// ECharts' prebuilt "common" bundle (UMD, CommonJS to Node) has no types of its own: chart.ts
// casts it to the few members it uses.
declare module 'echarts/dist/echarts.common.min.js' {
  const echarts: unknown;
  export default echarts;
}
