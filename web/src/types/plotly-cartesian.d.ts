// The partial Plotly bundle has the full library's API for the trace types it contains.
declare module "plotly.js-cartesian-dist-min" {
  import Plotly from "plotly.js";
  export default Plotly;
}
