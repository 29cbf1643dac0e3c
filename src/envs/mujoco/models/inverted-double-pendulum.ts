/**
 * Our MJCF model of the cart with two stacked poles of Gymnasium's InvertedDoublePendulum. Written
 * from the published parameters: 10 ms time step with RK4; a cart (capsule of radius 0.1 m lying
 * along the rail, half-length 0.1 m) sliding within [-1, 1] m; two poles, capsules of radius
 * 0.045 m and 0.6 m long, hinged at the cart and at the top of the first pole, so that the tip
 * stands 1.2 m high when both are upright; joint damping 0.05 and no armature; gravity with a
 * 1e-5 x component and a 0.01 limit margin on the slider, as in Gymnasium's model; a motor on
 * the slider with gear 500 and controls in [-1, 1]; a site "tip" at the top of the second pole.
 * Density 1000 kg/m³, nothing collides.
 * @module
 */
export const INVERTED_DOUBLE_PENDULUM_XML = `
<mujoco model="modelgym_inverted_double_pendulum">
  <compiler angle="degree" inertiafromgeom="true"/>
  <option timestep="0.01" integrator="RK4" gravity="1e-5 0 -9.81"/>
  <default>
    <joint damping="0.05"/>
    <geom contype="0" conaffinity="0" friction="1 0.1 0.1"/>
  </default>
  <worldbody>
    <geom name="rail" type="capsule" fromto="-1 0 0 1 0 0" size="0.02"/>
    <body name="cart" pos="0 0 0">
      <joint name="slider" type="slide" axis="1 0 0" limited="true" range="-1 1" margin="0.01"/>
      <geom name="cart" type="capsule" fromto="-0.1 0 0 0.1 0 0" size="0.1"/>
      <body name="pole" pos="0 0 0">
        <joint name="hinge" type="hinge" axis="0 1 0"/>
        <geom name="pole" type="capsule" fromto="0 0 0 0 0 0.6" size="0.045"/>
        <body name="pole2" pos="0 0 0.6">
          <joint name="hinge2" type="hinge" axis="0 1 0"/>
          <geom name="pole2" type="capsule" fromto="0 0 0 0 0 0.6" size="0.045"/>
          <site name="tip" pos="0 0 0.6" size="0.01"/>
        </body>
      </body>
    </body>
  </worldbody>
  <actuator>
    <motor name="slide" joint="slider" gear="500" ctrllimited="true" ctrlrange="-1 1"/>
  </actuator>
</mujoco>
`;
