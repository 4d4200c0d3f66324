// ECharts' tree-shakable entry points ship types that NodeNext resolution cannot follow (their
// re-exports omit file extensions); these declarations borrow the types of the full entry point,
// which resolves, for the few names used here.
declare module 'echarts/core' {
  export { init, setPlatformAPI, use } from 'echarts';
}
declare module 'echarts/charts' {
  export type { BarSeriesOption } from 'echarts';
  export const BarChart: Parameters<typeof import('echarts').use>[0];
}
declare module 'echarts/components' {
  export type { GridComponentOption, LegendComponentOption } from 'echarts';
  export const GridComponent: Parameters<typeof import('echarts').use>[0];
  export const LegendComponent: Parameters<typeof import('echarts').use>[0];
  export const MarkLineComponent: Parameters<typeof import('echarts').use>[0];
}
declare module 'echarts/renderers' {
  export const SVGRenderer: Parameters<typeof import('echarts').use>[0];
}
