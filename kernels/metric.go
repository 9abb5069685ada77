package kernels

import "gonp/kernels/distance"

// Metric is distance.Metric, named here too so that callers that only pass a
// metric code through need not import the distance package.
type Metric = distance.Metric
