/**
 * Password reset by mail: a signed, single-use link valid for 30 minutes, asked for with an answer
 * that is the same whether the address has an account or not, and limited per address and per
 * client. Using it sets the password and ends every session of the account.
 */
package io.vivreal.identity.reset;
