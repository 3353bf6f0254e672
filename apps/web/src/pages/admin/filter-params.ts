/**
 * The address of a filter form's search: each filled field under its Czech parameter name
 * (`[field, parameter]` pairs), so that a filtered list can be linked and reloaded.
 */
export function filterParams(form: FormData, names: readonly (readonly [field: string, parameter: string])[]): URLSearchParams {
  const params = new URLSearchParams();
  for (const [field, parameter] of names) {
    const value = String(form.get(field) ?? '').trim();
    if (value) params.set(parameter, value);
  }
  return params;
}
