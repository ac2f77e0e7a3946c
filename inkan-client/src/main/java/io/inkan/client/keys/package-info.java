/**
 * The client side of key import (K4, decision 011): the wrapping scheme that encrypts a private key under
 * the server's import key so only the token can unwrap it, and reading keys from PKCS#12. The server uses
 * the same scheme class, so both ends cannot disagree on the format.
 */
package io.inkan.client.keys;
