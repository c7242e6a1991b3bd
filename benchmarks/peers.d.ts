// Type stubs for the untyped benchmark peers (dev dependencies only; never used by src/).
declare module 'portfolio-allocation' {
  const PortfolioAllocation: Record<string, (...args: never[]) => unknown>;
  export default PortfolioAllocation;
}
