// The one address policy that lets http_fetch reach 127.0.0.0/8, so that tests fetch from their own local server.
// Only code can hand it to the tool (`createBuiltinTools(config, { policy })`): the configuration file has no key for
// it, and production code never imports this folder.
import type { AddressPolicy } from '../http-fetch/address-policy';
import { publicAddressesOnly } from '../http-fetch/address-policy';
import { ipv4Number } from '../http-fetch/ip-address';

export const allowLoopbackForTests: AddressPolicy = (address) => {
  const n = ipv4Number(address);
  if (n !== null && n >>> 24 === 127) return null;
  return publicAddressesOnly(address);
};
