// Temporal headers Tributary sets itself: the API request id travels from the request through the workflow to its
// activities (and child workflows), so their log lines carry the id the caller saw in `x-request-id`.
export const REQUEST_ID_HEADER = 'tributary-request-id';
