/**
 * Our MJCF model of the MuJoCo cart-pole of Gymnasium's InvertedPendulum. Written from the
 * published parameters: 20 ms time step with RK4; a cart (capsule of radius 0.1 m lying along the
 * rail, half-length 0.1 m) sliding on a rail within [-1, 1] m; a pole (capsule of radius 0.049 m,
 * 0.6 m long, its top 1 mm off vertical as in Gymnasium's model) hinged at the cart centre within [-90°, 90°]; joint damping 1, no armature; one
 * motor on the slider with gear 100 and controls in [-3, 3]. No collisions (all geoms have
 * contype 0). Density 1000 kg/m³, inertias from the geoms.
 * @module
 */
export const INVERTED_PENDULUM_XML = `
<mujoco model="modelgym_inverted_pendulum">
  <compiler angle="degree" inertiafromgeom="true"/>
  <option timestep="0.02" integrator="RK4" gravity="0 0 -9.81"/>
  <default>
    <joint limited="true" damping="1" armature="0"/>
    <geom contype="0" conaffinity="0" friction="1 0.1 0.1"/>
  </default>
  <worldbody>
    <geom name="rail" type="capsule" fromto="-1 0 0 1 0 0" size="0.02"/>
    <body name="cart" pos="0 0 0">
      <joint name="slider" type="slide" axis="1 0 0" range="-1 1"/>
      <geom name="cart" type="capsule" fromto="-0.1 0 0 0.1 0 0" size="0.1"/>
      <body name="pole" pos="0 0 0">
        <joint name="hinge" type="hinge" axis="0 1 0" range="-90 90"/>
        <geom name="pole" type="capsule" fromto="0 0 0 0.001 0 0.6" size="0.049"/>
      </body>
    </body>
  </worldbody>
  <actuator>
    <motor name="slider" joint="slider" gear="100" ctrllimited="true" ctrlrange="-3 3"/>
  </actuator>
</mujoco>
`;
