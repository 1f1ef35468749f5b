/**
 * The X-Raydar <b>simulator</b> of the demo and the tests: a stand-in with X-Raydar's HTTP contract
 * whose answers are made up, not model output, with fault injection and scripted answers over its own
 * HTTP port. The node's packages never import it; its one bean ({@link
 * org.pacsbridge.xraydar.simulator.SimulatorBeans}) is made only when {@code pacs.xraydar.simulator.enabled}
 * is true, and never under the {@code prod} profile.
 */
package org.pacsbridge.xraydar.simulator;
