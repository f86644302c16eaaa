/**
 * Not an API: the JNI methods, the native library's loader, native handles, and the packet an
 * attribute map crosses in. Public only because {@code dev.scrubjay} calls it.
 */
package dev.scrubjay.internal;
