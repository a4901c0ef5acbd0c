/** Passwords with lock-out, and the meter's control key. */
package org.openami.meter.security;
