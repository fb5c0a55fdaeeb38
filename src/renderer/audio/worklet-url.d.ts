// Vite bundles a worker (or worklet) module with its imports and gives its URL: `?worker&url`.
declare module '*?worker&url' {
  const url: string;
  export default url;
}
