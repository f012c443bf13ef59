/** Channels: types and their fields, validation, storage with encrypted secrets, masked views. */
package io.vivreal.distribution.channels;
