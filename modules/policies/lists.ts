/**
 * Lists in policy documents that may be Terraform lists. The stacks pass
 * plain arrays (from the config); the Terraform modules
 * (modules/terraform-modules) pass their variables, known only when the
 * caller applies. Either way the documents hold the same statements: what
 * JavaScript does to an array, these do through Terraform's functions when
 * the list is a token.
 */
import { Fn, Token } from 'cdktf';

/** `each(region)` for every region: JavaScript's map, or Terraform's formatlist (`each` gets "%s" for the region). */
export const perRegion = (regions: readonly string[], each: (region: string) => string): string[] =>
  Token.isUnresolved(regions) ? Token.asList(Fn.formatlist(each('%s'), [regions])) : regions.map(each);

/** The list without `item`: JavaScript's filter, or Terraform's setsubtract. */
export const without = (list: readonly string[], item: string): string[] =>
  Token.isUnresolved(list) || Token.isUnresolved(item) ? Token.asList(Fn.setsubtract([...list], [item])) : list.filter((x) => x !== item);

/** The list as one string: JavaScript's join, or Terraform's. */
export const joined = (list: readonly string[], separator: string): string =>
  Token.isUnresolved(list) ? Fn.join(separator, [...list]) : list.join(separator);
