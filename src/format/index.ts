/**
 * Output formatters: what iproute2 (6.1) prints for decoded rtnetlink
 * messages, as `ip -j` JSON objects and as text lines. Pure functions; the
 * caller supplies what iproute2 would look up (link names, namespace
 * names) through a {@link FormatContext}.
 */
export { linkContext, ifName, type FormatContext } from './context.js';
export { linkJSON, linkText, type LinkFormatOptions } from './link.js';
export { addrJSON, addrText, addrInfoJSON, addrInfoText, addrsOfLink, addrFlags, isLinkShownByAddr, type AddrFormatOptions } from './address.js';
export { routeJSON, routeText, routeTable, isShownByDefault, type RouteFormatOptions } from './route.js';
export { nsidJSON, nsidText, type NsidNames } from './nsid.js';
export { bridgeIdText, fwdMaskText } from './linkinfo.js';
export { llAddrText } from './link-head.js';
export { textLines, type Json, type JsonObject } from './printer.js';
export * from './names.js';
