/** Transaction plumbing every other package of ejb-core may use: it depends on none of them. */
package io.cistern.core.tx;
